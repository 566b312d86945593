// The open sockets of one node, indexed by paper so the caps per paper and per person are cheap to check.

interface Registered {
	readonly claims: { doc: string; sub: string };
}

export class ConnectionRegistry<C extends Registered> implements Iterable<C> {
	private readonly all = new Set<C>();
	private readonly byPaper = new Map<string, Set<C>>();

	add(conn: C) {
		this.all.add(conn);
		let onPaper = this.byPaper.get(conn.claims.doc);
		if (!onPaper) this.byPaper.set(conn.claims.doc, (onPaper = new Set()));
		onPaper.add(conn);
	}

	delete(conn: C) {
		this.all.delete(conn);
		const onPaper = this.byPaper.get(conn.claims.doc);
		onPaper?.delete(conn);
		if (onPaper?.size === 0) this.byPaper.delete(conn.claims.doc);
	}

	get size() {
		return this.all.size;
	}

	/** Sockets open on a paper: everyone's and those of one person. */
	openOn(paperId: string, userId: string): { ofPaper: number; ofUser: number } {
		const onPaper = this.byPaper.get(paperId);
		let ofUser = 0;
		for (const conn of onPaper ?? []) if (conn.claims.sub === userId) ofUser += 1;
		return { ofPaper: onPaper?.size ?? 0, ofUser };
	}

	[Symbol.iterator]() {
		return this.all[Symbol.iterator]();
	}
}
