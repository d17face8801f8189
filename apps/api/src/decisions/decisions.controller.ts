import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@dondoc/auth';
import type { Actor } from '@dondoc/common';
import { DecisionCountsDto, DecisionPageDto, DecisionQueryDto, DecisionsQueryService } from '@dondoc/tasks';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsQueryService) {}

  @Get()
  @ApiOperation({
    summary:
      'What waits for you to decide, oldest first: escalation levels you decide, extension requests and matters beyond authority of tasks you supervise (leader over the unit, assigner, reviewer, administrator), evidence awaiting your review once its checks have passed, the explanations you asked for that are still unanswered (overdue ones marked), and the blockers not yet decided on (open or resolved) that you may decide — a leader over both the lead unit and the blocking unit (a LEADER whose subtree holds both, or the head of their lowest common unit) or an administrator. Only open tasks within your scope; each item names the task and the requestId its decision route takes.',
  })
  @ApiOkResponse({ type: DecisionPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: DecisionQueryDto): Promise<DecisionPageDto> {
    return this.decisions.list(actor, query);
  }

  @Get('count')
  @ApiOperation({ summary: 'How many items wait for you in the decisions queue, in all and by kind (for a badge).' })
  @ApiOkResponse({ type: DecisionCountsDto })
  count(@CurrentActor() actor: Actor): Promise<DecisionCountsDto> {
    return this.decisions.count(actor);
  }
}
