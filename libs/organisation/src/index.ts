export * from './dto/unit.dto';
export * from './directory.module';
export * from './directory.service';
export * from './organisation.module';
export * from './unit.entity';
export * from './units.service';
export * from './user.entity';
