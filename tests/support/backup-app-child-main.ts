// Entry of tests/support/backup-app-child.mjs. Env: DATA_DIR. Messages from the parent:
// 'write' (start writing in a loop), 'hold' (open a transaction that records a decision and stays open
// HOLD_MS before it commits; answers 'holding' with the decision's number), 'stop' (stop writing, close
// socket and database, answer 'stopped' with what was written).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadOrCreateSigningKeys } from '$lib/server/auth/local-keys';
import { migrate } from '$lib/server/db/migrate';
import { openPglite } from '$lib/server/db/pglite';
import { withUser } from '$lib/server/db/scoped';
import { appendDecision } from '$lib/server/decisions/decision.repository';
import { startOnlineBackup } from '$lib/server/ops/backup-endpoint';
import { createLocalStorage } from '$lib/server/storage/local';
import { addMember, claimsFor, createBoard } from '../factories';
import { recordDecision } from '../factories/decisions';
import { pdfBytes } from '../factories/files';

const HOLD_MS = 1_500;

type Message = 'write' | 'hold' | 'stop';

export async function main(): Promise<void> {
	// The test went away (timed out, crashed): do not stay behind writing.
	const orphaned = () => process.exit(1);
	process.on('disconnect', orphaned);
	const dataDir = path.resolve(process.env.DATA_DIR!);
	const db = await openPglite(path.join(dataDir, 'db'));
	await migrate(db);
	const endpoint = await startOnlineBackup(db, dataDir);
	if (!endpoint) throw new Error('online backup endpoint did not start');
	await loadOrCreateSigningKeys(dataDir);
	const storage = await createLocalStorage({ dataDir });
	const board = await createBoard(db);
	const office = await addMember(db, { board, role: 'office' });

	let decisions = 0;
	let files = 0;
	let writing = false;
	let loop: Promise<void> = Promise.resolve();

	async function upload(i: number) {
		const staged = await storage.stage({
			bucket: 'board-files',
			name: `${board.id}/${randomUUID()}.pdf`,
			bytes: await pdfBytes(`Anlage ${i}`),
			contentType: 'application/pdf',
			ownerId: office.id
		});
		await db.ownerTransaction((tx) => staged.record(tx));
		await staged.commit();
		files++;
	}

	async function writeLoop() {
		for (let i = 0; writing; i++) {
			await recordDecision(db, { board, by: office });
			decisions++;
			if (i % 3 === 0) await upload(i);
		}
	}

	const send = (message: Record<string, unknown>) => process.send?.(message);
	await new Promise<void>((resolve) => {
		process.on('message', (message: Message) => {
			if (message === 'write') {
				writing = true;
				loop = writeLoop();
				loop.catch((error: unknown) => send({ type: 'error', error: String(error) }));
				send({ type: 'writing' });
			} else if (message === 'hold') {
				// A write in progress: the decision is inserted, the transaction stays open, then commits.
				void withUser(db, claimsFor(office), async (tx) => {
					const row = await appendDecision(tx, {
						boardId: board.id,
						title: 'Beschluss während der Sicherung',
						resolution: 'Der Beirat beschließt, während die Sicherung läuft.',
						kind: 'resolution',
						voteResult: { yes: 4, no: 0, abstain: 1 },
						status: 'adopted',
						source: 'manual',
						isPublic: true
					});
					send({ type: 'holding', number: row.number });
					await new Promise((r) => setTimeout(r, HOLD_MS));
					return row;
				}).then(
					() => {
						decisions++;
						send({ type: 'held' });
					},
					(error: unknown) => send({ type: 'error', error: String(error) })
				);
			} else if (message === 'stop') {
				writing = false;
				void loop
					.then(() => endpoint.close())
					.then(() => db.close())
					.then(() => {
						process.off('disconnect', orphaned);
						send({ type: 'stopped', decisions, files, boardId: board.id });
						resolve();
					});
			}
		});
		send({ type: 'ready', boardId: board.id });
	});
}
