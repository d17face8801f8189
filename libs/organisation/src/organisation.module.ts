import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { DirectoryModule } from './directory.module';
import { PeopleService } from './people.service';
import { Unit } from './unit.entity';
import { UnitsService } from './units.service';
import { User } from './user.entity';

/**
 * The organisation kernel: units and the people in them (its tables), the unit tree's
 * administration, the directory reads other contexts use and the people reads and writes sign-in
 * needs (PeopleService). It knows nothing of sign-in's rules or of notifications; user
 * administration and imports sit above it (libs/administration).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Unit, User]), AuditModule, DirectoryModule],
  providers: [UnitsService, PeopleService],
  exports: [UnitsService, PeopleService, DirectoryModule],
})
export class OrganisationModule {}
