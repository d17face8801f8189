import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { UsersService } from '@dondoc/users';

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database. */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.users.ensureFirstAdmin(this.config.admin);
    if (result === 'missing') {
      throw new Error(
        'The database has no users: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first administrator.',
      );
    }
  }
}
