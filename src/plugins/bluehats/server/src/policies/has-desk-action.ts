/**
 * Lets a route through only when the admin's role holds the desk action named in the route's
 * config. A PolicyError keeps its message and details (a ForbiddenError would lose them).
 */
import { errors } from '@strapi/utils';
import { negotiateLanguage } from '../../../../../domain/language';
import { actionId, type DeskAction } from '../actions';

type PolicyContext = {
  state: { userAbility?: { can: (action: string) => boolean } };
  request: { headers: Record<string, string | string[] | undefined> };
};

export default (policyContext: PolicyContext, config: { action: DeskAction }) => {
  const action = actionId(config.action);
  if (policyContext.state.userAbility?.can(action)) return true;
  const messageFr = 'Votre rôle ne permet pas cette action.';
  const messageEn = 'Your role does not allow this action.';
  const header = policyContext.request.headers['accept-language'];
  const english = negotiateLanguage(Array.isArray(header) ? header[0] : header) === 'en';
  throw new errors.PolicyError(english ? messageEn : messageFr, { code: 'NOT_ALLOWED', action, messageFr, messageEn });
};
