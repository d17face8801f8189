export * from './dto/unit.dto';
export * from './dto/user.dto';
export * from './organisation-transfer.service';
export * from './organisation.module';
export * from './unit.entity';
export * from './units.service';
export * from './users-admin.service';
