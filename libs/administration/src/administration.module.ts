import { Module } from '@nestjs/common';
import { AuditModule } from '@dondoc/audit';
import { AuthModule } from '@dondoc/auth';
import { NotificationsModule } from '@dondoc/notifications';
import { OrganisationModule } from '@dondoc/organisation';
import { ExportUnits } from './transfer/export-units.use-case';
import { ExportUsers } from './transfer/export-users.use-case';
import { ImportUnits } from './transfer/import-units.use-case';
import { ImportUsers } from './transfer/import-users.use-case';
import { UsersAdminService } from './users-admin.service';

/**
 * The secretariat's use cases on the organisation: user administration (invitations, roles,
 * deactivation, password resets) and the import and export of units and users. It sits above
 * the organisation kernel, sign-in and notifications, which it uses.
 */
@Module({
  imports: [OrganisationModule, AuthModule, NotificationsModule, AuditModule],
  providers: [UsersAdminService, ImportUnits, ImportUsers, ExportUnits, ExportUsers],
  exports: [UsersAdminService, ImportUnits, ImportUsers, ExportUnits, ExportUsers],
})
export class AdministrationModule {}
