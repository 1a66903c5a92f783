/**
 * What a backup must give back, read through the query engine of a booted app: the rows of every
 * content type a Strapi transfer carries (drafts and published versions apart), and one edition
 * with everything hanging from it, compared by documentId (a restore gives rows new ids).
 * The export/import test reads it from the app it exported and from the app it restored into.
 */

/** Types Strapi's transfer leaves out by design: the admin's own (`admin::…`) and the content releases. */
const notTransferred = (uid) => uid.startsWith('admin::') || uid.startsWith('plugin::content-releases.');

async function counts(strapi) {
  const result = {};
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    if (notTransferred(uid)) continue;
    const rows = await strapi.db.query(uid).count({});
    if (contentType.options?.draftAndPublish) {
      const published = await strapi.db.query(uid).count({ where: { publishedAt: { $notNull: true } } });
      result[uid] = { drafts: rows - published, published };
    } else result[uid] = rows;
  }
  return result;
}

const byKey = (key) => (a, b) => String(a[key]).localeCompare(String(b[key]));
const documentIds = (rows) => (rows ?? []).map((r) => r.documentId).sort();

async function edition(strapi, slug) {
  const rows = await strapi.db.query('api::edition.edition').findMany({
    where: { slug },
    populate: { days: true, rooms: true, event: true, sessions: true },
    orderBy: { publishedAt: 'asc' },
  });
  if (rows.length === 0) return null;
  const editionIds = rows.map((r) => r.id);
  const sessions = await strapi.db.query('api::session.session').findMany({
    where: { edition: { id: { $in: editionIds } } },
    populate: { speakers: true, edition: true, proposal: true },
  });
  const speakerIds = [...new Set(sessions.flatMap((s) => (s.speakers ?? []).map((p) => p.id)))];
  const speakers = await strapi.db.query('api::speaker.speaker').findMany({ where: { id: { $in: speakerIds } }, populate: { sessions: true } });
  const proposals = await strapi.db.query('api::proposal.proposal').findMany({ where: { edition: { id: { $in: editionIds } } } });
  const coSpeakers = await strapi.db.query('api::co-speaker.co-speaker').findMany({
    where: { proposal: { id: { $in: proposals.map((p) => p.id) } } },
    populate: { proposal: true },
  });
  const versions = await strapi.db.query('api::program-version.program-version').findMany({
    where: { edition: { id: { $in: editionIds } } },
    orderBy: { number: 'asc' },
  });
  return {
    versions: rows.map((r) => ({
      documentId: r.documentId,
      published: r.publishedAt !== null,
      title: r.title,
      event: r.event?.documentId ?? null,
      days: (r.days ?? []).map(({ date, startTime, endTime, label }) => ({ date, startTime, endTime, label })),
      rooms: (r.rooms ?? []).map(({ name }) => name),
      sessions: documentIds(r.sessions),
    })),
    sessions: sessions
      .map((s) => ({
        documentId: s.documentId,
        published: s.publishedAt !== null,
        title: s.title,
        number: s.number,
        startsAt: s.startsAt ? new Date(s.startsAt).toISOString() : null,
        room: s.room,
        edition: s.edition?.documentId ?? null,
        proposal: s.proposal?.documentId ?? null,
        speakers: documentIds(s.speakers),
      }))
      .sort((a, b) => byKey('documentId')(a, b) || Number(a.published) - Number(b.published)),
    speakers: speakers
      .map((p) => ({ documentId: p.documentId, published: p.publishedAt !== null, name: p.name, sessions: documentIds(p.sessions) }))
      .sort((a, b) => byKey('documentId')(a, b) || Number(a.published) - Number(b.published)),
    proposals: proposals
      .map((p) => ({
        documentId: p.documentId,
        reference: p.reference,
        state: p.state,
        statusTokenHash: p.statusTokenHash,
        statusTokenEncrypted: p.statusTokenEncrypted,
      }))
      .sort(byKey('reference')),
    coSpeakers: coSpeakers
      .map((c) => ({ email: c.email, state: c.state, tokenHash: c.tokenHash, proposal: c.proposal?.documentId ?? null }))
      .sort(byKey('email')),
    programVersions: versions.map((v) => ({ number: v.number, snapshot: v.snapshot, changes: v.changes })),
  };
}

/** `slug`: the edition to follow in detail. */
async function dataDigest(strapi, slug) {
  return {
    counts: await counts(strapi),
    edition: await edition(strapi, slug),
    // Not carried by a transfer: said in the README, checked by the test. The admin's accounts, and so
    // the link from each reviewer entry to its account.
    adminUsers: await strapi.db.query('admin::user').count({}),
    reviewersWithAccount: await strapi.db.query('api::reviewer.reviewer').count({ where: { user: { id: { $notNull: true } } } }),
  };
}

module.exports = { dataDigest };
