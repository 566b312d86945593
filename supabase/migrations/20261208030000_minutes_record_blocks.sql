-- Minutes assistance (#19): the blocks meeting mode wrote into a minutes text (item times, attendance), one
-- row per block with the SHA-256 of the text written. A later take-over replaces a block only while its text
-- is still exactly what was written: a block people edited is left as they typed it.
--   block_key  'attendance', or the agenda item's id

create table public.minutes_record_blocks (
  minutes_id uuid not null references public.minutes (id) on delete cascade,
  board_id uuid not null references public.boards (id) on delete cascade,
  block_key text not null check (char_length(block_key) between 1 and 64),
  text_sha256 text not null check (text_sha256 ~ '^[0-9a-f]{64}$'),
  written_at timestamptz not null default now(),
  primary key (minutes_id, block_key)
);
create index minutes_record_blocks_board_idx on public.minutes_record_blocks (board_id);

revoke all on public.minutes_record_blocks from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.minutes_record_blocks to authenticated;
grant all on public.minutes_record_blocks to service_role;
alter table public.minutes_record_blocks enable row level security;

-- Full members read them with the minutes; the office (who keeps the minutes) writes them.
create policy minutes_record_blocks_select on public.minutes_record_blocks for select to authenticated
  using (public.is_full_member(board_id));
create policy minutes_record_blocks_insert on public.minutes_record_blocks for insert to authenticated
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.minutes m where m.id = minutes_id and m.board_id = minutes_record_blocks.board_id));
create policy minutes_record_blocks_update on public.minutes_record_blocks for update to authenticated
  using (public.has_board_role(board_id, '{office}'))
  with check (public.has_board_role(board_id, '{office}')
    and exists (select 1 from public.minutes m where m.id = minutes_id and m.board_id = minutes_record_blocks.board_id));
create policy minutes_record_blocks_delete on public.minutes_record_blocks for delete to authenticated
  using (public.has_board_role(board_id, '{office}'));
