import { planStream } from '@semaforo/domain';
import type { FastifyPluginAsync } from 'fastify';
import { principalOf } from '../../plugins/authentication.js';
import { html } from '../html.js';
import { pageLayout } from '../layout/page-layout.js';
import { linkTo, pageContext } from '../page-context.js';
import { sendPage } from '../send-page.js';

/** Years around now that the start page looks for plans in: a plan id is `<institution>-<year>`, so this is a handful of stream reads. */
const YEARS_BACK = 6;
const YEARS_AHEAD = 1;

/** GET /app: the institution's plans, each a link to its overview. */
export const homePage: FastifyPluginAsync = async (app) => {
  app.get('/app', { schema: { hide: true } }, async (request, reply) => {
    const context = pageContext(request);
    const principal = principalOf(request);
    const nowYear = app.access.now().getUTCFullYear();
    const plans: Array<{ planId: string; name: string; year: number }> = [];
    for (let year = nowYear + YEARS_AHEAD; year >= nowYear - YEARS_BACK; year -= 1) {
      const planId = `${principal.institutionId}-${year}`;
      const { state } = await app.writeSide.read(planStream(planId));
      if (state.status === 'open') plans.push({ planId, name: state.name, year });
    }
    const l = context.labels;
    const body = html`<h2>${l.home.plans}</h2>
      ${
        plans.length === 0
          ? html`<p>${l.home.none}</p>`
          : html`<ul data-testid="plans">
              ${plans.map(
                (p) => html`<li><a href="${linkTo(context, `/app/plans/${p.planId}/overview`)}">${p.name}</a> <span class="muted">${p.planId}</span></li>`,
              )}
            </ul>`
      }`;
    return sendPage(reply, pageLayout(context, { title: l.home.title, body, ...(plans[0] === undefined ? {} : { planId: plans[0].planId }) }));
  });
};
