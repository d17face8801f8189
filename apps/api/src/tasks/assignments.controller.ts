import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '@dondoc/auth';
import { Role, uuidParam, type Actor } from '@dondoc/common';
import { AssignmentView, AssignPlanDto, TaskAssignmentService } from '@dondoc/tasks';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignment: TaskAssignmentService) {}

  @Post()
  @Roles(Role.ADMIN, Role.LEADER)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Assign a plan’s tasks in one go (up to 10,000; administrators, leaders for units under them): all are checked first and none is assigned if any is wrong (errors name tasks[i].field). The tasks are written at once and their workflows started in the background: 202 with the assignment’s progress and its address in Location.',
  })
  @ApiAcceptedResponse({ type: AssignmentView })
  async assign(@CurrentActor() actor: Actor, @Body() dto: AssignPlanDto, @Res({ passthrough: true }) res: Response): Promise<AssignmentView> {
    const view = await this.assignment.assignPlan(actor, dto.tasks);
    res.location(`/api/assignments/${view.id}`);
    return view;
  }

  @Get(':id')
  @Roles(Role.ADMIN, Role.LEADER)
  @ApiOperation({ summary: 'A plan assignment’s progress: tasks started and recorded (its creator and administrators).' })
  @ApiOkResponse({ type: AssignmentView })
  @ApiNotFoundResponse({ description: 'No such assignment of yours.' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AssignmentView> {
    return this.assignment.assignmentView(actor, id);
  }
}
