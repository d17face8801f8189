import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { MAIL_DRIVER, type MailDriver } from './mail-driver';
import { SmtpMailDriver } from './smtp-mail.driver';

@Injectable()
class MailDriverCloser implements OnApplicationShutdown {
  constructor(@Inject(MAIL_DRIVER) private readonly driver: MailDriver) {}

  onApplicationShutdown(): void {
    this.driver.close();
  }
}

/** The mail driver (SMTP) configured from SMTP_URL and MAIL_FROM. */
@Module({
  providers: [
    {
      provide: MAIL_DRIVER,
      inject: [AppConfig],
      useFactory: (config: AppConfig): MailDriver => new SmtpMailDriver(config.mail.smtpUrl, config.mail.from, config.mail.sendConcurrency),
    },
    MailDriverCloser,
  ],
  exports: [MAIL_DRIVER],
})
export class MailModule {}
