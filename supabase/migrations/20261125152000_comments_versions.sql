-- Comments on strategy papers and their versions. A comment thread is anchored in the document by a
-- `comment` mark whose attribute is the thread id; the threads and replies live here. Versions are full
-- Yjs states: restoring one is a forward change through the collaboration server, never a rewind.

create table public.comment_threads (
  id uuid primary key default gen_random_uuid(),
  paper_id uuid not null references public.papers (id) on delete cascade,
  -- The commented text when the thread was opened (shown when the anchor has since been deleted).
  quote text not null default '' check (char_length(quote) <= 1000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id) on delete set null,
  check ((resolved_at is null) = (resolved_by is null))
);
create index comment_threads_paper_idx on public.comment_threads (paper_id, created_at);

create table public.comments (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references public.comment_threads (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null default auth.uid(),
  body text not null check (char_length(btrim(body)) between 1 and 5000),
  created_at timestamptz not null default now(),
  edited_at timestamptz
);
create index comments_thread_idx on public.comments (thread_id, created_at);
create index comments_author_idx on public.comments (author_id);

-- Who was mailed about a comment: a mention is mailed once, also when the comment is edited later.
create table public.comment_mentions (
  comment_id uuid not null references public.comments (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  primary key (comment_id, user_id)
);

create table public.paper_versions (
  id uuid primary key default gen_random_uuid(),
  paper_id uuid not null references public.papers (id) on delete cascade,
  number integer not null check (number > 0),
  name text check (char_length(name) between 1 and 200),
  kind text not null check (kind in ('auto', 'named')),
  state bytea not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (paper_id, number),
  check (kind = 'auto' or name is not null)
);

-- The paper a thread belongs to, for the comment policies (security definer: the thread row itself is under RLS).
create function public.comment_thread_paper(p_thread uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select paper_id from public.comment_threads where id = p_thread
$$;

-- The people who may read a paper (for the @-mention picker): only answered for someone who can read it.
-- Mirrors public.paper_access_of (as refined in 20261125151000_papers_access) for another person.
create function public.paper_readers(p_paper uuid)
returns table (user_id uuid, display_name text, email text, locale text, access public.paper_access_level)
language sql stable security definer set search_path = '' as $$
  select m.user_id, pr.display_name, pr.email, pr.locale,
    case
      when m.role = 'office' then 'edit'::public.paper_access_level
      when p.created_by = m.user_id and m.role <> 'guest' then 'edit'::public.paper_access_level
      when p.status = 'archived' then 'view'::public.paper_access_level
      when a.access is not null then a.access
      else p.board_access
    end
  from public.papers p
  join public.memberships m on m.board_id = p.board_id and m.active
  join public.profiles pr on pr.user_id = m.user_id
  left join public.paper_access a on a.paper_id = p.id and a.user_id = m.user_id
  where p.id = p_paper
    and public.paper_access_of(p_paper) is not null
    and (m.role = 'office' or (p.created_by = m.user_id and m.role <> 'guest') or a.access is not null
      or (p.visibility = 'board' and m.role <> 'guest'))
  order by pr.display_name
$$;

revoke all on function public.comment_thread_paper(uuid), public.paper_readers(uuid) from public, anon;
grant execute on function public.comment_thread_paper(uuid), public.paper_readers(uuid) to authenticated, service_role;

revoke all on public.comment_threads, public.comments, public.comment_mentions, public.paper_versions
  from public, anon, authenticated, service_role;
grant select, insert on public.comment_threads, public.comments, public.comment_mentions, public.paper_versions to authenticated;
-- Only what the features change: resolving a thread, editing a comment's text.
grant update (resolved_at, resolved_by) on public.comment_threads to authenticated;
-- A thread is deleted only when its anchor could not be placed (the opener undoes their own insert).
grant delete on public.comment_threads to authenticated;
grant update (body, edited_at) on public.comments to authenticated;
grant all on public.comment_threads, public.comments, public.comment_mentions, public.paper_versions to service_role;

alter table public.comment_threads enable row level security;
alter table public.comments enable row level security;
alter table public.comment_mentions enable row level security;
alter table public.paper_versions enable row level security;

create policy comment_threads_select on public.comment_threads for select to authenticated
  using (public.paper_access_of(paper_id) is not null);
create policy comment_threads_insert on public.comment_threads for insert to authenticated
  with check (public.paper_access_of(paper_id) in ('comment', 'edit') and created_by = (select auth.uid()));
create policy comment_threads_update on public.comment_threads for update to authenticated
  using (public.paper_access_of(paper_id) in ('comment', 'edit'))
  with check (resolved_by is null or resolved_by = (select auth.uid()));

create policy comment_threads_delete on public.comment_threads for delete to authenticated
  using (created_by = (select auth.uid()));

create policy comments_select on public.comments for select to authenticated
  using (public.paper_access_of(public.comment_thread_paper(thread_id)) is not null);
create policy comments_insert on public.comments for insert to authenticated
  with check (author_id = (select auth.uid())
    and public.paper_access_of(public.comment_thread_paper(thread_id)) in ('comment', 'edit'));
create policy comments_update on public.comments for update to authenticated
  using (author_id = (select auth.uid())
    and public.paper_access_of(public.comment_thread_paper(thread_id)) in ('comment', 'edit'))
  with check (author_id = (select auth.uid()));

create policy comment_mentions_select on public.comment_mentions for select to authenticated
  using (exists (select 1 from public.comments c where c.id = comment_id and c.author_id = (select auth.uid())));
create policy comment_mentions_insert on public.comment_mentions for insert to authenticated
  with check (exists (select 1 from public.comments c where c.id = comment_id and c.author_id = (select auth.uid())));

create policy paper_versions_select on public.paper_versions for select to authenticated
  using (public.paper_access_of(paper_id) is not null);
-- Named versions and the safety copy before a restore are made by editors; automatic ones by the system task.
create policy paper_versions_insert on public.paper_versions for insert to authenticated
  with check (public.paper_access_of(paper_id) = 'edit' and created_by = (select auth.uid()));
