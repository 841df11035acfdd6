import { indicatorStream, type IndicatorCommand } from '@semaforo/domain';

/** An indicator command as a write to the indicator's stream (what `executeWrite` takes): every one names its code. */
export const indicatorWrite = (planId: string, command: IndicatorCommand) => ({
  stream: indicatorStream(planId, command.data.code),
  command,
  // Only registration creates the indicator's stream: told by the command, so no route can say otherwise.
  creates: command.type === 'RegisterIndicator',
});
