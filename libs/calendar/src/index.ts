export * from './calendar-change.entity';
export * from './calendar-day.entity';
export * from './calendar-override.entity';
export * from './calendar-state.entity';
export * from './calendar.module';
export * from './calendar.service';
export * from './dto/calendar.dto';
export * from './working-calendar';
