import { html, type Html } from '../html.js';
import { linkTo, thisPageWith, type PageContext } from '../page-context.js';

export interface PageParts {
  readonly title: string;
  readonly body: Html;
  /** The plan the page is about: the navigation links to its pages. */
  readonly planId?: string;
  /** The log position the page shows; undefined on pages that read no model. */
  readonly position?: string;
  /** False on pages that are not of a moment (sign-in, errors). */
  readonly timeTravel?: boolean;
}

/** Every page: header with who is signed in, navigation, the time-travel banner, then the page. */
export function pageLayout(context: PageContext, parts: PageParts): Html {
  const l = context.labels;
  const principal = context.principal;
  const planId = parts.planId;
  const nav =
    principal === null
      ? html``
      : html`<nav aria-label="${l.appName}">
          <ul>
            <li><a href="${linkTo(context, '/app')}">${l.nav.home}</a></li>
            ${
              planId === undefined
                ? ''
                : html`<li><a href="${linkTo(context, `/app/plans/${planId}/overview`)}">${l.nav.overview}</a></li>
                    <li><a href="${linkTo(context, `/app/plans/${planId}/sign-off`)}">${l.nav.signOff}</a></li>
                    <li><a href="${linkTo(context, `/app/plans/${planId}/editions`)}">${l.nav.editions}</a></li>
                    ${
                      principal.role === 'admin' || principal.role === 'planner' || principal.role === 'reporter'
                        ? html`<li><a href="${linkTo(context, `/app/plans/${planId}/import`)}">${l.nav.import}</a></li>`
                        : ''
                    }
                    ${
                      principal.role === 'admin' || principal.role === 'reporter'
                        ? html`<li><a href="${linkTo(context, `/app/plans/${planId}/entry`)}">${l.nav.entry}</a></li>`
                        : ''
                    }
                    ${
                      principal.role === 'admin' || principal.role === 'auditor'
                        ? html`<li><a href="${linkTo(context, `/app/plans/${planId}/audit`)}">${l.nav.audit}</a></li>`
                        : ''
                    }`
            }
          </ul>
        </nav>`;
  const who =
    principal === null
      ? html``
      : html`<div class="who" data-testid="who">
          <span>${l.signedInAs} <strong>${principal.label}</strong></span>
          <span>(${l.role[principal.role]})</span>
          <span>${l.institution}: <strong>${principal.institutionId}</strong></span>
          <form method="post" action="/app/sign-out">
            <input type="hidden" name="_csrf" value="${context.csrf}" /><button type="submit">${l.signOut}</button>
          </form>
          ${languageLink(context)}
        </div>`;
  return html`<!doctype html>
    <html lang="${context.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${parts.title} · ${l.appName}</title>
        <link rel="stylesheet" href="/app/assets/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">${l.skip}</a>
        <header class="top">
          <a class="brand" href="${linkTo(context, '/app')}">${l.appName}</a>
          ${nav} ${who} ${principal === null ? languageLink(context) : ''}
        </header>
        ${parts.timeTravel === false || principal === null ? '' : timeTravelBanner(context, parts.position)}
        <main id="main">
          <h1>${parts.title}</h1>
          ${parts.body}
        </main>
      </body>
    </html>`;
}

function languageLink(context: PageContext): Html {
  const other = context.lang === 'es' ? 'en' : 'es';
  return html`<a href="${thisPageWith(context, { lang: other })}" lang="${other}">${context.labels.otherLanguage}</a>`;
}

function timeTravelBanner(context: PageContext, position: string | undefined): Html {
  const l = context.labels.travel;
  const past = context.asOf !== undefined;
  const hidden = Object.entries(context.query)
    .filter(([key]) => key !== 'asOf' && key !== 'cursor' && key !== 'saved')
    .map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}" />`);
  const pickerValue = context.asOf !== undefined && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(context.asOf) ? context.asOf.slice(0, 19) : '';
  return html`<section class="travel${past ? ' past' : ''}" aria-label="${l.pick}" data-testid="time-travel">
    <p role="status" data-testid="as-of-banner">
      ${past ? html`<strong>${l.past(context.asOf ?? '')}</strong>` : l.now}
      ${position === undefined ? '' : html` ${l.position}: <code data-testid="position">${position}</code>.`} <span class="muted">${l.utc}</span>
    </p>
    <form method="get" action="${context.path}">
      ${hidden}
      <div><label for="as-of">${l.pick}</label><input id="as-of" type="datetime-local" step="1" name="asOf" value="${pickerValue}" /></div>
      <button type="submit" class="primary">${l.go}</button>
    </form>
    ${past ? html`<a href="${linkTo({ ...context, asOf: undefined }, context.path, { ...context.query, asOf: undefined, cursor: undefined })}">${l.back}</a>` : ''}
  </section>`;
}
