import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
// Type only: the task's shape is shared with the server.
import type { PrivacyTaskView } from '../../../../../domain/editor-erasure';
import { failureMessage } from '../failure';

/**
 * The open privacy tasks, in French, each with « Fait » for a role that may mark it done (Éditeur);
 * a reviewer sees them without the button.
 */
export function PrivacyTasks({
  tasks,
  canMarkDone,
  onDone,
  showEdition = false,
}: {
  tasks: PrivacyTaskView[];
  canMarkDone: boolean;
  onDone: () => void;
  showEdition?: boolean;
}) {
  const { post } = useFetchClient();
  const [problem, setProblem] = React.useState<string | null>(null);

  const markDone = async (documentId: string) => {
    setProblem(null);
    try {
      await post(`/bluehats/privacy-tasks/${documentId}/done`, {});
      onDone();
    } catch (error) {
      setProblem(failureMessage(error, "La tâche n'a pas pu être marquée faite."));
    }
  };

  if (tasks.length === 0) return <Typography>Aucune tâche en attente.</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {tasks.map((task) => (
        <Flex key={task.documentId} gap={3} justifyContent="space-between" alignItems="center">
          <Box>
            <Typography tag="p">{task.text}</Typography>
            <Typography variant="pi" textColor="neutral600">
              {showEdition && task.edition ? `${task.edition.title} — ` : ''}le {task.createdOnText}
            </Typography>
          </Box>
          {canMarkDone && (
            <Button variant="secondary" size="S" onClick={() => void markDone(task.documentId)}>
              Fait
            </Button>
          )}
        </Flex>
      ))}
      {problem && (
        <Typography role="alert" textColor="danger700">
          {problem}
        </Typography>
      )}
    </Flex>
  );
}
