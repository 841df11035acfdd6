import { signOffStream, type SignOffCommand } from '@semaforo/domain';

/** A sign-off command as a write to the plan's sign-off stream (what `executeWrite` takes). */
export const signOffWrite = (planId: string, command: SignOffCommand) => ({
  stream: signOffStream(planId),
  command,
  // The stream starts with the plan's first submission, but what a sign-off write needs to exist is the plan (404 otherwise).
  creates: false,
});
