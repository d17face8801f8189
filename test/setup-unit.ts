import { Logger } from '@nestjs/common';

// Unit tests assert behaviour, not log lines.
Logger.overrideLogger(false);
