import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { TASK_STATUSES, type TaskStatus } from '@dondoc/workflows/task/task.types';

export class AcknowledgeLinkTokenDto {
  @ApiProperty({ description: 'The token of the link, as the page read it from the URL fragment (`/ack#token=…`).', maxLength: 300 })
  @IsString()
  @MaxLength(300)
  token!: string;
}

export class AcknowledgeLinkUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HN-X001' }) code!: string;
  @ApiProperty({ description: 'The unit’s (Vietnamese) name', example: 'Xã Minh Châu' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
}

export class AcknowledgeLinkRecipientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Who the link acknowledges as (the email’s recipient)' }) name!: string;
}

/** What the acknowledgement page shows: the task, and whether it is already acknowledged. */
export class AcknowledgeLinkView {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ example: 'NV-2026-000123' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: AcknowledgeLinkUnitDto }) leadUnit!: AcknowledgeLinkUnitDto;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ description: 'The lead unit has acknowledged the task (by this link, in the app, or by a first action)' }) acknowledged!: boolean;
  @ApiProperty({ type: AcknowledgeLinkRecipientDto }) recipient!: AcknowledgeLinkRecipientDto;
}

export class AcknowledgeLinkResult extends AcknowledgeLinkView {
  @ApiProperty({ description: 'true: this confirmation acknowledged the task; false: it had been acknowledged before (nothing was done)' })
  acknowledgedNow!: boolean;
}
