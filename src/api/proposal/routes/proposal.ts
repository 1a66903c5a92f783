/**
 * Public routes of the call for proposals. No account: the status routes are authorised by the
 * private token alone. There is no route that lists or reads proposals otherwise.
 */
const publicRoute = { auth: false as const };

export default {
  routes: [
    {
      method: 'POST',
      path: '/proposals',
      handler: 'proposal.submit',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    { method: 'GET', path: '/proposals/mine/:token', handler: 'proposal.showMine', config: publicRoute },
    {
      method: 'PUT',
      path: '/proposals/mine/:token',
      handler: 'proposal.correctMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    {
      // The consents, at any time: not bound to the call's deadline like the correction above.
      method: 'PUT',
      path: '/proposals/mine/:token/consents',
      handler: 'proposal.changeMyConsents',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    {
      method: 'POST',
      path: '/proposals/mine/:token/withdraw',
      handler: 'proposal.withdrawMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    {
      method: 'POST',
      path: '/proposals/mine/:token/confirm',
      handler: 'proposal.confirmMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    {
      method: 'POST',
      path: '/proposals/mine/:token/decline',
      handler: 'proposal.declineMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    // Each download is written to the access log: counted like the writes, so it cannot flood it.
    {
      method: 'GET',
      path: '/proposals/mine/:token/personal-data',
      handler: 'proposal.exportMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    {
      method: 'POST',
      path: '/proposals/mine/:token/personal-data/mail',
      handler: 'proposal.mailExportMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
    { method: 'GET', path: '/proposals/mine/:token/erasure', handler: 'proposal.erasurePreviewMine', config: publicRoute },
    {
      method: 'POST',
      path: '/proposals/mine/:token/erasure',
      handler: 'proposal.eraseMine',
      config: { ...publicRoute, middlewares: ['api::proposal.rate-limit'] },
    },
  ],
};
