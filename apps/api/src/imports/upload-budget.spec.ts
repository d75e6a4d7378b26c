import { loadAppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { QUEUE_RETRY_AFTER_SECONDS, UploadBudget } from './upload-budget';

describe(UploadBudget.name, () => {
  const config = loadAppConfig({ ESCAPEMENT_MAX_BODY: '100b', ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER: '100b', ESCAPEMENT_UPLOAD_QUEUE_TOTAL: '250b' });
  const refusal = (act: () => unknown): DomainError => {
    try {
      act();
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('not refused');
  };

  it('holds each sender to its share and the server to its total, with 429 and Retry-After', () => {
    const sut = new UploadBudget(config);
    const a = sut.open('token:a');
    a.add(60);
    a.add(40);
    const own = refusal(() => a.add(1));
    expect(own).toMatchObject({ code: 'rate_limited', retryAfterSeconds: QUEUE_RETRY_AFTER_SECONDS });
    expect(own.message).toBe('This sender already has 1 KB of uploads waiting to be stored; the limit is 1 KB per sender. Retry in 30 s, once some of them are stored.');
    expect(refusal(() => sut.open('token:a')).code).toBe('rate_limited');
    sut.open('token:b').add(100);
    const c = sut.open('token:c');
    c.add(50);
    expect(refusal(() => c.add(1)).message).toMatch(/^The server already holds/);
    expect([sut.heldBytes('token:a'), sut.heldBytes('token:c'), sut.heldBytes()]).toEqual([100, 50, 250]);
  });

  it('gives the bytes back once, when the upload is done with', () => {
    const sut = new UploadBudget(config);
    const first = sut.open('user:u');
    first.add(100);
    first.release();
    first.release();
    first.add(10);
    expect([sut.heldBytes('user:u'), sut.heldBytes()]).toEqual([0, 0]);
    sut.open('user:u').add(100);
    expect(sut.heldBytes()).toBe(100);
  });

  it('refuses at once an upload whose announced size does not fit', () => {
    const sut = new UploadBudget(config);
    sut.open('token:a').add(50);
    expect(refusal(() => sut.open('token:a', 51)).code).toBe('rate_limited');
    expect(() => sut.open('token:a', 50)).not.toThrow();
  });

  it('stops the start when one largest upload could not fit', () => {
    expect(() => loadAppConfig({ ESCAPEMENT_MAX_BODY: '50mb', ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER: '10mb' })).toThrow(/ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER .* must be at least ESCAPEMENT_MAX_BODY/);
    expect(() => loadAppConfig({ ESCAPEMENT_UPLOAD_QUEUE_TOTAL: '100mb' })).toThrow(/ESCAPEMENT_UPLOAD_QUEUE_TOTAL .* must be at least ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER/);
    expect(loadAppConfig({})).toMatchObject({ uploadQueuePerSenderBytes: 200 * 1024 ** 2, uploadQueueTotalBytes: 1024 ** 3 });
  });
});
