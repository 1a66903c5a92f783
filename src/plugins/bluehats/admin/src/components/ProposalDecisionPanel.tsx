import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { DecisionPanel } from '../../../../../domain/decision-release';
import { failureMessage } from '../failure';

/** What each button does, said as a verb. */
const ACTION_LABELS: Record<string, string> = {
  accepted: 'Accepter',
  waitlisted: "Mettre en liste d'attente",
  rejected: 'Ne pas retenir',
};

function Decision({ documentId }: { documentId: string }) {
  const { get, post } = useFetchClient();
  const { allowedActions } = useRBAC({ decide: PERMISSIONS.decide });
  const [panel, setPanel] = React.useState<DecisionPanel | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    get<{ data: DecisionPanel }>(`/bluehats/proposals/${documentId}/decision`)
      .then((res) => setPanel(res.data.data))
      .catch((error: unknown) => setProblem(failureMessage(error, "L'historique n'a pas pu être chargé.")));
  }, [documentId]);

  const decide = async (state: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await post(`/bluehats/proposals/${documentId}/state`, { state });
      // The edit form holds the document as it was read: reload it, so that a later « Enregistrer » does not send the old state back.
      window.location.reload();
    } catch (error) {
      setProblem(failureMessage(error, "L'état n'a pas pu être changé."));
      setBusy(false);
    }
  };

  if (!panel) return problem ? <Typography textColor="danger600">{problem}</Typography> : null;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Typography>
        <strong>État :</strong> {panel.stateLabel}
      </Typography>
      <Typography variant="pi">
        {panel.communicated
          ? `Communiquée à l'intervenant : ${panel.communicated.label}${panel.communicated.at ? `, le ${panel.communicated.at}` : ''}.`
          : "Aucune décision communiquée à l'intervenant."}
      </Typography>
      {panel.warning && (
        <Box background="warning100" borderColor="warning200" hasRadius padding={2}>
          <Typography textColor="warning700" role="alert">
            {panel.warning}
          </Typography>
        </Box>
      )}
      {allowedActions.canDecide && panel.nextStates.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label="Décider">
          <Typography variant="sigma">Décider</Typography>
          {panel.nextStates.map((next) => (
            <Button key={next.state} variant="secondary" fullWidth disabled={busy} onClick={() => void decide(next.state)}>
              {ACTION_LABELS[next.state] ?? next.label}
            </Button>
          ))}
        </Flex>
      )}
      {problem && <Typography textColor="danger600">{problem}</Typography>}
      <Typography variant="sigma">Consentements</Typography>
      <Box tag="ul" aria-label="Consentements" style={{ paddingLeft: 0, listStyle: 'none' }}>
        {panel.consents.map((c) => (
          <Box tag="li" key={c.consent} paddingBottom={1}>
            <Typography variant="pi" tag="p">
              <strong>{c.label} :</strong> {c.given ? 'oui' : 'non'}
              {c.atText ? ` (texte v${c.version ?? '–'}, ${c.atText}${c.by ? `, par ${c.by}` : ''})` : ''}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="sigma">Changements d'état</Typography>
      {panel.history.length === 0 ? (
        <Typography variant="pi">Aucun changement depuis la réception.</Typography>
      ) : (
        <Box tag="ol" aria-label="Historique des états" style={{ paddingLeft: 0, listStyle: 'none' }}>
          {[...panel.history].reverse().map((entry) => (
            <Box tag="li" key={`${entry.at}-${entry.to}`} paddingBottom={2}>
              <Typography variant="pi" tag="p">
                <strong>
                  {entry.fromLabel} → {entry.toLabel}
                </strong>
              </Typography>
              <Typography variant="pi" tag="p" textColor="neutral600">
                {entry.atText}
                {entry.by ? ` — ${entry.by}` : ''}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Flex>
  );
}

/** In a proposal's edit view: its state, what the proposer was told, the states an editor may set next, and the history. */
export const ProposalDecisionPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== 'api::proposal.proposal' || !documentId) return null;
  return { title: 'Historique', content: <Decision documentId={documentId} /> };
};
