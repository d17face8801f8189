import { applyDecorators, Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Client, Public, type ClientInfo } from '@dondoc/auth';
import { AcknowledgeLinkResult, AcknowledgeLinksService, AcknowledgeLinkTokenDto, AcknowledgeLinkView } from '@dondoc/tasks';

/** Public, throttled (per address and per link), never cached. */
const linkRoute = (summary: string, type: typeof AcknowledgeLinkView) =>
  applyDecorators(
    Public(),
    UseGuards(ThrottlerGuard),
    HttpCode(200),
    Header('Cache-Control', 'no-store'),
    ApiOperation({ summary }),
    ApiOkResponse({ type }),
    ApiBadRequestResponse({ description: 'The token is not a genuine acknowledgement link (`ACK_LINK_INVALID`, naming `token`), or the body is invalid.' }),
    ApiForbiddenResponse({ description: 'The recipient was deactivated, or no longer acts for the lead unit (`FORBIDDEN`).' }),
    ApiNotFoundResponse({ description: 'The task is no longer within the recipient’s scope.' }),
    ApiGoneResponse({ description: 'The link expired (`ACK_LINK_EXPIRED`) or was used (`ACK_LINK_USED`, with `details.taskId`).' }),
    ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or with this link.' }),
  );

/**
 * The one-step acknowledgement links of emails (`/ack#token=…` in the web app). Public: the
 * token, single-use and signed, stands for its recipient. Nothing here answers a GET, so a mail
 * scanner that follows the link acknowledges nothing.
 */
@ApiTags('tasks')
@Controller('tasks/acknowledge-links')
export class AcknowledgeLinksController {
  constructor(private readonly links: AcknowledgeLinksService) {}

  @Post('preview')
  @linkRoute('What an acknowledgement link would acknowledge: the task, and whether it already is. Uses nothing up (the opening is audited).', AcknowledgeLinkView)
  preview(@Body() dto: AcknowledgeLinkTokenDto, @Client() client: ClientInfo): Promise<AcknowledgeLinkView> {
    return this.links.preview(dto.token, client.requestId);
  }

  @Post('confirm')
  @linkRoute(
    'Acknowledge the task as the link’s recipient (the same action, checks and audit as POST /api/tasks/{id}/acknowledge) and use the link up. A task acknowledged before answers 200 with acknowledgedNow false; a second use is 410 ACK_LINK_USED.',
    AcknowledgeLinkResult,
  )
  @ApiConflictResponse({ description: 'The task’s state does not allow it (e.g. cancelled); `message` says why. The link stays usable.' })
  @ApiServiceUnavailableResponse({ description: 'The acknowledgement is still completing (`ACTION_PENDING`, Retry-After): confirm again for its result.' })
  confirm(@Body() dto: AcknowledgeLinkTokenDto, @Client() client: ClientInfo): Promise<AcknowledgeLinkResult> {
    return this.links.confirm(dto.token, client.requestId);
  }
}
