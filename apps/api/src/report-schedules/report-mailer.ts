import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export interface ReportMail {
  to: string[];
  subject: string;
  text: string;
  attachment: { filename: string; content: Buffer };
}

/**
 * Mails reports through the SMTP server of `ESCAPEMENT_SMTP_URL`. nodemailer 7 is the last major that is
 * plain CommonJS: later ones load as ES modules, which the test runner on Node 20 cannot require.
 */
@Injectable()
export class ReportMailer implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.smtp.url !== null;
  }

  async send(mail: ReportMail): Promise<void> {
    if (!this.config.smtp.url) throw new Error('no SMTP server is configured');
    this.transport ??= createTransport(this.config.smtp.url);
    await this.transport.sendMail({
      from: this.config.smtp.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'application/pdf' }],
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
