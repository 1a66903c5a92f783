import * as React from 'react';
import { Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { PERMISSIONS, PROGRAM_BUILDER_PATH } from '../permissions';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { Dashboard } from '../../../../../domain/dashboard';
import { CALL_STATE_LABELS } from '../../../../../domain/labels';

/** In the edition's edit view: its dates as the public reads them, in the edition's own time zone. */
function Dates({ documentId }: { documentId: string }) {
  const { get } = useFetchClient();
  const [dashboard, setDashboard] = React.useState<Dashboard | null>(null);
  // useRBAC names an action after the last part of its id: `program.build` is `canBuild`.
  const { allowedActions } = useRBAC({ buildProgram: PERMISSIONS.buildProgram });
  React.useEffect(() => {
    get<{ data: Dashboard }>(`/bluehats/editions/${documentId}/dashboard`)
      .then((res) => setDashboard(res.data.data))
      .catch(() => setDashboard(null));
  }, [documentId]);
  if (!dashboard) return null;
  const block = dashboard.callForProposals;
  const rows: Array<[string, { text: string } | null]> = [
    ['Ouverture', block.opensAt],
    ['Clôture', block.closesAt],
    ['Réponse', block.responseDate],
    ['Programme', block.programPublicationDate],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi">
        Fuseau : {block.timeZone} — état : {CALL_STATE_LABELS[block.state]?.fr ?? block.state}
      </Typography>
      {rows.map(([label, value]) => (
        <Typography key={label} variant="pi">
          <strong>{label} :</strong> {value ? value.text : '—'}
        </Typography>
      ))}
      <Typography variant="pi">
        <strong>Anonymisation des données personnelles :</strong> {dashboard.retention.endsAtText ?? '—'}
      </Typography>
      <Typography variant="pi">{dashboard.retention.text}</Typography>
      {allowedActions.canBuild && (
        <Link tag={RouterLink} to={`/${PROGRAM_BUILDER_PATH}?edition=${documentId}`}>
          Construire le programme
        </Link>
      )}
    </Flex>
  );
}

export const EditionDatesPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== 'api::edition.edition' || !documentId) return null;
  return { title: "Dates de l'appel (heure locale de l'édition)", content: <Dates documentId={documentId} /> };
};
