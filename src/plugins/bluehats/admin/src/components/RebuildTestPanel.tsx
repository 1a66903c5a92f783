import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { DELIVERY_STATE_LABELS } from '../../../../../domain/labels';
import { frenchCount } from '../../../../../domain/phrases';
import { PERMISSIONS } from '../permissions';
import { failureMessage } from '../failure';

/** What POST /bluehats/rebuild-targets/:documentId/test answers. */
interface TestResult {
  state: keyof typeof DELIVERY_STATE_LABELS | undefined;
  status: number | null;
  error: string | null;
  durationMs: number;
  reason: string | null;
}

/** The test's outcome as an editor reads it: « Envoyé : le site a répondu 204 en 85 ms. » */
function describe(result: TestResult): { ok: boolean; text: string } {
  const ok = result.state === 'sent';
  const state = result.state ? DELIVERY_STATE_LABELS[result.state].fr : 'Aucun envoi';
  const took = `en ${frenchCount(result.durationMs, 'milliseconde')}`;
  if (ok) return { ok, text: `${state} : le site a répondu ${result.status} ${took}.` };
  return { ok, text: `Échec ${took} : ${result.reason ?? 'cause inconnue'}. État de l'envoi : ${state.toLowerCase()}.` };
}

const TEST_PERMISSIONS = { test: PERMISSIONS.testRebuild };

function TestButton({ documentId }: { documentId: string }) {
  const { post } = useFetchClient();
  const { allowedActions, isLoading } = useRBAC(TEST_PERMISSIONS);
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<{ ok: boolean; text: string } | null>(null);
  if (isLoading) return null;
  if (!allowedActions.canTest) return <Typography variant="pi">Votre rôle ne permet pas de tester les reconstructions.</Typography>;

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const res = await post<{ data: TestResult }>(`/bluehats/rebuild-targets/${documentId}/test`, {});
      setOutcome(describe(res.data.data));
    } catch (error) {
      setOutcome({ ok: false, text: failureMessage(error, "Le test n'a pas pu être lancé.") });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi">Envoie un événement « test » au site maintenant, sans attendre le délai de regroupement.</Typography>
      <Button variant="secondary" onClick={() => void run()} loading={busy} fullWidth>
        Tester
      </Button>
      {outcome && (
        <Box background={outcome.ok ? 'success100' : 'danger100'} padding={2} hasRadius>
          <Typography role="status" textColor={outcome.ok ? 'success700' : 'danger700'}>
            {outcome.text}
          </Typography>
        </Box>
      )}
    </Flex>
  );
}

/** In a rebuild target's edit view: send a test event and read how it went, in French. */
export const RebuildTestPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== 'api::rebuild-target.rebuild-target' || !documentId) return null;
  return { title: 'Tester la reconstruction', content: <TestButton documentId={documentId} /> };
};
