import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import { Role, uuidParam, type Actor } from '@dondoc/common';
import { DeliveryDto, DeliveryQueryDto, InboxItemDto, InboxQueryDto, InboxService } from '@dondoc/notifications';

class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] }) items!: InboxItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Unread notifications in all' }) unread!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class MarkedDto {
  @ApiProperty() marked!: number;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'Your in-app inbox, newest first (the same notifications as your emails).' })
  @ApiOkResponse({ type: InboxPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<InboxPageDto> {
    return this.inbox.list(actor, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification of yours as read.' })
  @ApiOkResponse({ type: MarkedDto })
  readAll(@CurrentActor() actor: Actor): Promise<MarkedDto> {
    return this.inbox.markAllRead(actor);
  }

  @Get('deliveries')
  @Roles(Role.ADMIN, Role.AUDITOR)
  @ApiOperation({ summary: 'The email outbox: pending, sent and failed deliveries with their errors (administrators, auditors).' })
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@Query() query: DeliveryQueryDto): Promise<DeliveryPageDto> {
    return this.inbox.deliveries(query);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of your notifications as read.' })
  @ApiNoContentResponse()
  read(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.inbox.markRead(actor, id);
  }
}
