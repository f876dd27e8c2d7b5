import { Queue } from 'bullmq';
import { connectQueue, defaultQueueName, type QueueSettings, queuePrefix } from './queue-connection.js';
import { type QueueCounts, queueCounts } from './run-jobs-on-queue.js';

/**
 * The benchmark queue's job counts by state and its connected workers (`iamflow bench --queue URL --status`).
 *
 * @example
 * const { waiting, active, failed } = await readQueueCounts({ url: 'redis://127.0.0.1:6379' });
 */
export async function readQueueCounts(settings: QueueSettings): Promise<QueueCounts> {
  const connection = await connectQueue(settings);
  const queue = new Queue(settings.name ?? defaultQueueName, { connection, prefix: queuePrefix });
  try {
    return await queueCounts(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
