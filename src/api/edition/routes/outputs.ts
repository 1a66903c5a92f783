/** Public, read-only outputs of an edition (by slug or documentId) and of a session. */
const get = (path: string, handler: string, description: string) => ({
  method: 'GET',
  path,
  handler: `outputs.${handler}`,
  config: { auth: false as const, description },
});

export default {
  routes: [
    get('/editions/:edition/program', 'program', 'Programme publié, groupé par jour et trié par heure de début'),
    get('/editions/:edition/schedule.json', 'scheduleJson', 'Programme au format C3VOC schedule.json'),
    get('/editions/:edition/schedule.xml', 'scheduleXml', 'Programme au format C3VOC schedule.xml'),
    get('/editions/:edition/calendar.ics', 'editionCalendar', 'Programme au format iCalendar'),
    get('/editions/:edition/announcement.md', 'announcement', "Annonce de l'appel à interventions, en Markdown avec front matter"),
    get('/editions/:edition/session-pages', 'sessionPages', 'Une page Markdown par session publiée'),
    get('/sessions/:session/calendar.ics', 'sessionCalendar', 'Une session au format iCalendar'),
    get('/sessions/:session/page.md', 'sessionPage', 'Une session en Markdown avec front matter'),
  ],
};
