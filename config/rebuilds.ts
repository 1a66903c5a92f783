import type { Core } from '@strapi/strapi';

/** Site rebuild targets (Content Manager › Reconstruction de site). */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Off: a target may only reach public unicast addresses, checked when it is saved and again on the
  // resolved address before each call. On: loopback, private and link-local addresses too, for a build
  // server on the same network as this app, or a test receiver. Read at each save and each call.
  allowPrivateTargets: env.bool('REBUILD_ALLOW_PRIVATE_TARGETS', false),
});
