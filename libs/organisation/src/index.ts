export * from './dto/unit.dto';
export * from './directory.module';
export * from './directory.service';
export * from './organisation.module';
export * from './unit.entity';
export * from './unit-scope.sql';
export * from './units.service';
export * from './user.entity';
