/**
 * Why a rebuild delivery failed, in French words an editor can act on: from the last HTTP status the
 * site answered, or else the recorded error (the outgoing call already words network failures
 * without revealing the network behind the target). Pure: no Strapi import.
 */

/** What a status means for the one who configured the target. */
const STATUS_PHRASES: Readonly<Record<number, string>> = {
  400: 'requête refusée : vérifiez le modèle de corps et les en-têtes',
  401: 'authentification refusée : vérifiez le secret ou le jeton',
  403: 'accès refusé : vérifiez les droits du jeton',
  404: 'adresse introuvable : vérifiez l’adresse',
  405: 'méthode non acceptée : vérifiez la méthode',
  408: 'délai dépassé',
  422: 'requête non traitable : vérifiez le modèle de corps',
  429: 'trop de requêtes : le site limite les appels',
  500: 'erreur du serveur',
  502: 'passerelle en erreur',
  503: 'service indisponible',
  504: 'délai dépassé',
};

const statusPhrase = (status: number): string =>
  STATUS_PHRASES[status] ??
  (status >= 500 ? 'erreur du serveur' : status >= 400 ? 'requête refusée' : status >= 300 ? 'redirection non suivie' : 'réponse inattendue');

/**
 * "le site a répondu 500 (erreur du serveur)"; without a status, the recorded error ("L'adresse
 * … est refusée", "La cible n'a pas pu être jointe (… délai dépassé)"), or "cause inconnue".
 */
export function rebuildFailureReason({ lastStatus, lastError }: { lastStatus: number | null; lastError: string | null }): string {
  if (lastStatus !== null && lastStatus !== undefined && lastStatus > 0) return `le site a répondu ${lastStatus} (${statusPhrase(lastStatus)})`;
  const error = lastError?.trim();
  if (!error || /^HTTP \d+$/.test(error)) return 'cause inconnue';
  return error;
}
