import { planStream, type PlanCommand } from '@semaforo/domain';

/** A plan command as a write to the plan's stream (what `executeWrite` takes). */
export const planWrite = (planId: string, command: PlanCommand) => ({
  stream: planStream(planId),
  command,
  // Only opening creates the plan's stream: told by the command, so no route can say otherwise.
  creates: command.type === 'OpenPlan',
});
