import { Module } from '@nestjs/common';
import { DirectoryService } from './directory.service';

/**
 * Who holds which place in the organisation, for other contexts: the worker records tasks with
 * it without the rest of the organisation module (user administration, sign-in).
 */
@Module({ providers: [DirectoryService], exports: [DirectoryService] })
export class DirectoryModule {}
