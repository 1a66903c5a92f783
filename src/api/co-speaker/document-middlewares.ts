/** Document middlewares of co-speakers (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { releaserName, requestOrigin } from '../../access/request-origin';
import { CONTENT_TYPES } from '../../content-types';
import { CO_SPEAKER_SYSTEM_FIELDS } from '../../domain/co-speakers';
import { negotiateLanguage } from '../../domain/language';
import { getService } from '../../services';

const MESSAGE_FR =
  "Un co-intervenant est nommé par l'auteur de la proposition (formulaire ou lien de suivi), qui lui fait envoyer son invitation : on ne le crée pas à la main.";
const MESSAGE_EN = 'A co-speaker is named by the proposer (form or status link), which sends their invitation: they cannot be created by hand.';

/**
 * A co-speaker is made by the proposer's form alone (their invitation, link and mail with it): no
 * document-service creation (nor copy), whoever asks. From the admin, an editor corrects a name or
 * an administration; the address, the state, the consent and the link are the co-speaker's own and
 * an editor's value for them is dropped. The app writes co-speakers through the query engine.
 */
export const keepCoSpeakersMadeByProposers: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== CONTENT_TYPES.coSpeaker.uid) return next();
  if (context.action === 'create' || context.action === 'clone') {
    const english = negotiateLanguage(strapi.requestContext.get()?.get('accept-language')) === 'en';
    throw new errors.PolicyError(english ? MESSAGE_EN : MESSAGE_FR, { code: 'CO_SPEAKER_MADE_BY_PROPOSER', messageFr: MESSAGE_FR, messageEn: MESSAGE_EN });
  }
  const origin = requestOrigin(strapi);
  const { documentId } = context.params as { documentId?: string };
  if (context.action === 'delete' && origin.kind === 'admin' && documentId) {
    // An editor's deletion is an erasure: the co-speaker leaves the session's draft (editors get a task
    // if it was published) and their mails go, in the deletion's transaction, and the log says who.
    return strapi.db.transaction(async () => {
      const rows: { id: number }[] = await strapi.db.query(CONTENT_TYPES.coSpeaker.uid).findMany({ where: { documentId }, select: ['id'] });
      for (const row of rows) {
        const edition = await getService('coSpeakers').erase(row.id);
        await getService('accessLog').record({
          action: 'editor_erasure',
          by: releaserName(origin),
          edition,
          proposals: 0,
          summary: "Co-intervenant supprimé dans l'administration : retiré de la proposition, de sa session et de ses courriels",
        });
      }
      return next();
    });
  }
  const data = (context.params as { data?: Record<string, unknown> }).data;
  if (context.action === 'update' && data && origin.kind === 'admin') {
    for (const field of CO_SPEAKER_SYSTEM_FIELDS) delete data[field];
  }
  return next();
};
