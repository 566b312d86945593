-- Files: the board's library and attachments of agenda items, stored in Supabase Storage (or on local
-- disk with the same storage.objects rows). Object names are `<board id>/<file id>/v<n>-<random>`,
-- so storage policies can read the board from the first folder, as Supabase's docs recommend.
--
-- Who may do what (enforced here and checked again in src/lib/server/files/file.service.ts):
--   see:    full members see the library and files of agenda items they may see (non-public items:
--           full members only, like the item itself); guests see files of public items of their meeting.
--   upload: office everywhere; other full members upload to the library (not to agenda items).
--   change: replace (new version) and delete: office, and the uploader for their own library files.
-- When an agenda item is deleted its files stay in the library (on delete set null): the bytes are
-- never orphaned and the file is still visible to full members only (like the item was).

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('board-files', 'board-files', false, 26214400, array[
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'image/png', 'image/jpeg', 'image/gif', 'image/webp'
])
on conflict (id) do nothing;

create table public.files (
  id uuid primary key default gen_random_uuid(),
  board_id uuid not null references public.boards (id) on delete cascade,
  agenda_item_id uuid references public.agenda_items (id) on delete set null,
  -- The original file name of the current version, as uploaded.
  name text not null check (char_length(name) between 1 and 255),
  current_version integer not null default 1 check (current_version > 0),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Text extracted at upload (PDFs), capped; the search area reads these columns.
  search_text text not null default '',
  search_vector tsvector generated always as (to_tsvector('german', coalesce(name, '') || ' ' || search_text)) stored
);
create index files_board_idx on public.files (board_id, updated_at desc);
create index files_item_idx on public.files (agenda_item_id);
create index files_created_by_idx on public.files (created_by);
create index files_search_idx on public.files using gin (search_vector);

create table public.file_versions (
  file_id uuid not null references public.files (id) on delete cascade,
  version integer not null check (version > 0),
  object_name text not null unique,
  name text not null check (char_length(name) between 1 and 255),
  size bigint not null check (size >= 0),
  content_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (file_id, version)
);

-- Visibility of a file: library files for full members; attachments like their agenda item.
create function public.can_see_file(p_board uuid, p_item uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_item is null then public.is_full_member(p_board)
    else exists (select 1 from public.agenda_items i
                 where i.id = p_item and public.meeting_board_of(i.meeting_id) = p_board
                   and public.can_see_agenda_item(i.meeting_id, i.is_public)) end
$$;

-- Who may add a file there: office anywhere in its board; full members into the library only.
create function public.can_add_file(p_board uuid, p_item uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select case when p_item is null then public.is_full_member(p_board)
    else public.has_board_role(p_board, '{office}')
         and exists (select 1 from public.agenda_items i where i.id = p_item and public.meeting_board_of(i.meeting_id) = p_board) end
$$;

-- Replace and delete: office, or the uploader of a library file who is still a full member.
create function public.can_change_file(p_file uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.files f where f.id = p_file and (
    public.has_board_role(f.board_id, '{office}')
    or (f.agenda_item_id is null and f.created_by = (select auth.uid()) and public.is_full_member(f.board_id))))
$$;

create function public.can_see_file_id(p_file uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.files f where f.id = p_file and public.can_see_file(f.board_id, f.agenda_item_id))
$$;

-- The board id in an object name's first folder, or null when it is not a uuid (never an error in a policy).
create function public.object_board(p_name text) returns uuid
language sql immutable set search_path = '' as $$
  select case when (storage.foldername(p_name))[1] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then ((storage.foldername(p_name))[1])::uuid end
$$;

-- The file an object belongs to (second folder), when it is a uuid.
create function public.object_file(p_name text) returns uuid
language sql immutable set search_path = '' as $$
  select case when (storage.foldername(p_name))[2] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then ((storage.foldername(p_name))[2])::uuid end
$$;

-- An object is visible with the file it belongs to (board and file id from its folders).
create function public.can_see_file_object(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.files f
    where f.id = public.object_file(p_name) and f.board_id = public.object_board(p_name)
      and public.can_see_file(f.board_id, f.agenda_item_id))
$$;

revoke all on function public.can_see_file(uuid, uuid), public.can_see_file_object(text), public.can_add_file(uuid, uuid), public.can_change_file(uuid),
  public.can_see_file_id(uuid), public.object_board(text), public.object_file(text) from public, anon;
grant execute on function public.can_see_file(uuid, uuid), public.can_see_file_object(text), public.can_add_file(uuid, uuid), public.can_change_file(uuid),
  public.can_see_file_id(uuid), public.object_board(text), public.object_file(text) to authenticated, service_role;

revoke all on public.files, public.file_versions from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.files to authenticated;
grant select, insert on public.file_versions to authenticated;
grant all on public.files, public.file_versions to service_role;

alter table public.files enable row level security;
alter table public.file_versions enable row level security;

create policy files_select on public.files for select to authenticated
  using (public.can_see_file(board_id, agenda_item_id));
create policy files_insert on public.files for insert to authenticated
  with check (created_by = (select auth.uid()) and public.can_add_file(board_id, agenda_item_id));
create policy files_update on public.files for update to authenticated
  using (public.can_change_file(id))
  with check (public.can_add_file(board_id, agenda_item_id) or public.has_board_role(board_id, '{office}'));
create policy files_delete on public.files for delete to authenticated
  using (public.can_change_file(id));

create policy file_versions_select on public.file_versions for select to authenticated
  using (public.can_see_file_id(file_id));
-- A version is added with its file (the uploader) or by someone who may change the file.
create policy file_versions_insert on public.file_versions for insert to authenticated
  with check (uploaded_by = (select auth.uid()) and public.can_change_file(file_id)
    and object_name like (select f.board_id::text || '/' || f.id::text || '/%' from public.files f where f.id = file_id));

-- storage.objects of the board-files bucket mirror the rules above through the object name.
create policy board_files_objects_select on storage.objects for select to authenticated
  using (bucket_id = 'board-files' and (owner_id = (select auth.uid())::text or public.can_see_file_object(name)));
create policy board_files_objects_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'board-files' and public.is_full_member(public.object_board(name)));
create policy board_files_objects_delete on storage.objects for delete to authenticated
  using (bucket_id = 'board-files' and (public.has_board_role(public.object_board(name), '{office}')
    or (owner_id = (select auth.uid())::text and public.is_full_member(public.object_board(name)))));
-- The bucket's limits are read by the app to refuse early with a clear message.
create policy board_files_bucket_select on storage.buckets for select to authenticated
  using (id = 'board-files');
