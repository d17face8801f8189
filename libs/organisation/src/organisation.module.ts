import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { DirectoryModule } from './directory.module';
import { Unit } from './unit.entity';
import { UnitsService } from './units.service';
import { User } from './user.entity';

/**
 * The organisation kernel: units and the people in them (its tables), the unit tree's
 * administration and the directory reads other contexts use. It knows nothing of sign-in or
 * notifications; user administration and imports sit above it (libs/administration).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Unit, User]), AuditModule, DirectoryModule],
  providers: [UnitsService],
  exports: [TypeOrmModule, UnitsService, DirectoryModule],
})
export class OrganisationModule {}
