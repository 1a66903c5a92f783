/** The content-type registry (src/content-types.ts) is the app's whole list, and what derives from it holds. */
import path from 'path';
import { api } from '../harness/factories';

const registry = () => require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'content-types.js'));

it('names every content type of the app, and no other', () => {
  const app = Object.keys(strapi.contentTypes)
    .filter((uid) => uid.startsWith('api::'))
    .sort();
  const listed = Object.values(registry().CONTENT_TYPES as Record<string, { uid: string }>)
    .map((e) => e.uid)
    .sort();
  expect(listed).toEqual(app);
});

it('gives the Public role exactly the public types, and GraphQL none of the internal ones', async () => {
  const { PUBLIC_TYPES, INTERNAL_TYPES } = registry();
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const actions: string[] = (await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } })).map((p: any) => p.action);
  const readable = [...new Set(actions.filter((a) => a.startsWith('api::')).map((a) => a.split('.').slice(0, 2).join('.')))].sort();
  expect(readable).toEqual([...PUBLIC_TYPES].sort());
  const res = await api().post('/graphql').send({ query: '{ __schema { types { name } } }' });
  const typeNames: string[] = res.body.data.__schema.types.map((t: { name: string }) => t.name);
  expect(typeNames).toContain('Session');
  for (const uid of INTERNAL_TYPES) {
    const name = strapi.contentTypes[uid].info.singularName.replace(/(^|-)(\w)/g, (_: string, __: string, c: string) => c.toUpperCase());
    expect(typeNames).not.toContain(name);
  }
});
