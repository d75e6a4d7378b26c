import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';

/**
 * Seconds a refused sender is asked to wait: long enough for the queue, which stores one upload at a
 * time, to finish some of what it holds; short enough not to hold a pipeline up for long.
 */
export const QUEUE_RETRY_AFTER_SECONDS = 30;

/** The bytes one upload holds on disk, from its first byte until its file is removed. */
export interface UploadHold {
  /** Counts more bytes; throws `rate_limited` (429, Retry-After) when they do not fit. */
  add(bytes: number): void;
  /** Gives every byte back; safe to call more than once. */
  release(): void;
}

/** Bytes already waiting in the database queue when an upload starts: the sender's and everyone's. */
export interface WaitingBytes {
  sender: number;
  total: number;
}

/**
 * Bounds the space that uploads hold while they are received, wait in the background queue and are
 * stored: per sender (a token or a person) and for the whole server. Past either bound the upload is
 * refused with 429 and Retry-After while it streams, so neither one pipeline nor many can fill the disk.
 * What waits in the queue is counted from the database (shared by every instance, passed in as
 * `waiting`); what is being received is counted here, by the instance receiving it.
 */
@Injectable()
export class UploadBudget {
  private readonly held = new Map<string, number>();
  private total = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Starts counting an upload of `sender`; refused at once when its share (or the server's) is already full. */
  open(sender: string, announcedBytes = 0, waiting: WaitingBytes = { sender: 0, total: 0 }): UploadHold {
    const check = (bytes: number) => this.check(sender, bytes, waiting);
    check(Math.max(1, announcedBytes));
    let mine = 0;
    let released = false;
    return {
      add: (bytes) => {
        if (released) return;
        check(bytes);
        mine += bytes;
        this.total += bytes;
        this.held.set(sender, (this.held.get(sender) ?? 0) + bytes);
      },
      release: () => {
        if (released) return;
        released = true;
        this.total -= mine;
        const left = (this.held.get(sender) ?? 0) - mine;
        if (left > 0) this.held.set(sender, left);
        else this.held.delete(sender);
      },
    };
  }

  /** Bytes being received by this instance now, for one sender or in all (tests and diagnostics). */
  heldBytes(sender?: string): number {
    return sender === undefined ? this.total : (this.held.get(sender) ?? 0);
  }

  private check(sender: string, bytes: number, waiting: WaitingBytes): void {
    const own = (this.held.get(sender) ?? 0) + waiting.sender;
    if (own + bytes > this.config.uploadQueuePerSenderBytes) {
      throw full(`This sender already has ${mb(own)} of uploads waiting to be stored; the limit is ${mb(this.config.uploadQueuePerSenderBytes)} per sender`);
    }
    const total = this.total + waiting.total;
    if (total + bytes > this.config.uploadQueueTotalBytes) {
      throw full(`The server already holds ${mb(total)} of uploads waiting to be stored; its limit is ${mb(this.config.uploadQueueTotalBytes)}`);
    }
  }
}

function full(reason: string): DomainError {
  return new DomainError('rate_limited', `${reason}. Retry in ${QUEUE_RETRY_AFTER_SECONDS} s, once some of them are stored.`, [], QUEUE_RETRY_AFTER_SECONDS);
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
