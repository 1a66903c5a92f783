import * as React from 'react';
import { Box, Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
// Type only: the answer's shape is shared with the server, no server code enters the bundle.
import type { ReviewPanel, SheetView } from '../../../../../domain/review';
import { failureMessage } from '../failure';

const SCALE = [1, 2, 3, 4, 5];

const mean = (value: number | null) => (value === null ? '—' : value.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));

/** Another reviewer's sheet, shown once the viewer scored the proposal (an editor: always). */
function Sheet({ sheet, criteria }: { sheet: SheetView; criteria: ReviewPanel['criteria'] }) {
  return (
    <Box tag="li" paddingBottom={2}>
      <Typography variant="pi" tag="p">
        <strong>{sheet.reviewer}</strong> — moyenne pondérée {mean(sheet.weightedMean)}
      </Typography>
      <Typography variant="pi" tag="p" textColor="neutral600">
        {criteria.map((c) => `${c.label} : ${sheet.scores?.[c.documentId] ?? '—'}`).join(' · ')}
      </Typography>
      {sheet.comment && (
        <Typography variant="pi" tag="p">
          « {sheet.comment} »
        </Typography>
      )}
    </Box>
  );
}

function Review({ documentId }: { documentId: string }) {
  const { get, put } = useFetchClient();
  const [panel, setPanel] = React.useState<ReviewPanel | null>(null);
  const [scores, setScores] = React.useState<Record<string, number>>({});
  const [comment, setComment] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);
  const [saved, setSaved] = React.useState(false);
  const [busy, setBusy] = React.useState(false);

  const show = (next: ReviewPanel) => {
    setPanel(next);
    setScores(next.mine?.scores ?? {});
    setComment(next.mine?.comment ?? '');
  };

  React.useEffect(() => {
    get<{ data: ReviewPanel }>(`/bluehats/proposals/${documentId}/reviews`)
      .then((res) => show(res.data.data))
      .catch((error: unknown) => setProblem(failureMessage(error, "La relecture n'a pas pu être chargée.")));
  }, [documentId]);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const res = await put<{ data: ReviewPanel }>(`/bluehats/proposals/${documentId}/review`, { scores, comment });
      show(res.data.data);
      setSaved(true);
    } catch (error) {
      setProblem(failureMessage(error, "Vos notes n'ont pas pu être enregistrées."));
    } finally {
      setBusy(false);
    }
  };

  if (!panel) return problem ? <Typography textColor="danger600">{problem}</Typography> : null;
  const complete = panel.criteria.every((c) => scores[c.documentId] !== undefined);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Typography variant="pi">
        {panel.assigned ? 'Proposition qui vous est confiée.' : 'Proposition non confiée : vous pouvez tout de même la noter.'}
        {panel.closesAtText ? ` Notes modifiables jusqu'au ${panel.closesAtText}.` : ''}
      </Typography>
      {panel.criteria.map((c) => (
        <Flex key={c.documentId} direction="column" alignItems="stretch" gap={1} role="group" aria-label={c.label}>
          <Typography variant="omega" fontWeight="bold">
            {c.label} (poids {c.weight})
          </Typography>
          {c.description && (
            <Typography variant="pi" textColor="neutral600">
              {c.description}
            </Typography>
          )}
          <Flex gap={1}>
            {SCALE.map((value) => (
              <Button
                key={value}
                size="S"
                variant={scores[c.documentId] === value ? 'default' : 'tertiary'}
                aria-pressed={scores[c.documentId] === value}
                aria-label={`${c.label} : ${value} sur 5`}
                disabled={!panel.open || busy}
                onClick={() => setScores((s) => ({ ...s, [c.documentId]: value }))}
              >
                {value}
              </Button>
            ))}
          </Flex>
        </Flex>
      ))}
      <Field.Root name="review-comment" hint="Facultatif, 2 000 caractères au plus. Effacé si l'intervenant demande l'effacement de ses données.">
        <Field.Label>Commentaire</Field.Label>
        <Textarea
          value={comment}
          maxLength={2000}
          disabled={!panel.open || busy}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setComment(e.target.value)}
        />
        <Field.Hint />
      </Field.Root>
      {panel.open ? (
        <Button onClick={() => void save()} disabled={!complete || busy} loading={busy} fullWidth>
          Enregistrer mes notes
        </Button>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          {panel.conflict ?? 'La relecture de cette proposition est close.'}
        </Typography>
      )}
      {saved && (
        <Typography variant="pi" textColor="success600" role="status">
          Notes enregistrées.
        </Typography>
      )}
      {problem && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {problem}
        </Typography>
      )}
      {panel.mine?.scoredAt && (
        <Typography variant="pi">
          <strong>Votre moyenne pondérée :</strong> {mean(panel.mine.weightedMean)}
        </Typography>
      )}
      <Typography variant="sigma">Autres relecteurs</Typography>
      {!panel.othersVisible ? (
        <Typography variant="pi" textColor="neutral600">
          Les notes des autres relecteurs s'affichent une fois les vôtres enregistrées.
        </Typography>
      ) : (
        <>
          {panel.summary && (
            <Typography variant="pi" tag="p" aria-label="Synthèse">
              Moyenne pondérée {mean(panel.summary.weightedMean)}, écart type {mean(panel.summary.spread)}, {panel.summary.reviews} relecture(s) sur{' '}
              {panel.summary.assigned}
            </Typography>
          )}
          {panel.others.length === 0 ? (
            <Typography variant="pi">Aucune autre notation pour l'instant.</Typography>
          ) : (
            <Box tag="ul" aria-label="Notes des autres relecteurs" style={{ paddingLeft: 0, listStyle: 'none' }}>
              {panel.others.map((sheet) => (
                <Sheet key={`${sheet.reviewer}-${sheet.scoredAt}`} sheet={sheet} criteria={panel.criteria} />
              ))}
            </Box>
          )}
        </>
      )}
    </Flex>
  );
}

function ReviewForReviewers({ documentId }: { documentId: string }) {
  const { allowedActions, isLoading } = useRBAC({ review: PERMISSIONS.review });
  if (isLoading) return null;
  // useRBAC names an action after the last part of its id: `reviews.score` is `canScore`.
  if (!allowedActions.canScore) return <Typography variant="pi">Votre rôle ne permet pas de noter les propositions.</Typography>;
  return <Review documentId={documentId} />;
}

/** In a proposal's edit view: the reviewer scores each criterion from 1 to 5, and sees the others' sheets after scoring. */
export const ProposalReviewPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== 'api::proposal.proposal' || !documentId) return null;
  return { title: 'Relecture', content: <ReviewForReviewers documentId={documentId} /> };
};
