import { Module } from '@nestjs/common';
import { AuditModule } from '@dondoc/audit';
import { AuthModule } from '@dondoc/auth';
import { NotificationsModule } from '@dondoc/notifications';
import { DirectoryModule } from './directory.module';
import { OrganisationTransferService } from './organisation-transfer.service';
import { UnitsService } from './units.service';
import { UsersAdminService } from './users-admin.service';

/** Units, the people in them, their roles, and bulk import/export. */
@Module({
  imports: [AuditModule, AuthModule, NotificationsModule, DirectoryModule],
  providers: [UnitsService, UsersAdminService, OrganisationTransferService],
  exports: [UnitsService, UsersAdminService, OrganisationTransferService, DirectoryModule],
})
export class OrganisationModule {}
