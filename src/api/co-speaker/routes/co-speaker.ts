/**
 * A co-speaker's own routes, with no account: authorised by their private invitation token alone,
 * under /proposals like the proposer's status link, and counted with the proposal writes' per-address
 * limit. There is no route that lists or reads co-speakers otherwise.
 */
const publicRoute = { auth: false as const };
const limited = { ...publicRoute, middlewares: ['api::proposal.rate-limit'] };

export default {
  routes: [
    { method: 'GET', path: '/proposals/invitations/:token', handler: 'co-speaker.showInvitation', config: publicRoute },
    { method: 'POST', path: '/proposals/invitations/:token/accept', handler: 'co-speaker.accept', config: limited },
    { method: 'POST', path: '/proposals/invitations/:token/decline', handler: 'co-speaker.decline', config: limited },
    { method: 'POST', path: '/proposals/invitations/:token/confirm', handler: 'co-speaker.confirm', config: limited },
    { method: 'POST', path: '/proposals/invitations/:token/withdraw', handler: 'co-speaker.withdraw', config: limited },
    { method: 'POST', path: '/proposals/invitations/:token/erasure', handler: 'co-speaker.erase', config: limited },
  ],
};
