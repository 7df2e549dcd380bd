// Loads scripts/demo/content.mjs through the public HTTP API, as people would have made it: the
// instance admin creates the accounts, each group's admin creates the group and invites the
// others, and everyone writes their own cases, documents, posts and approvals.
import { client, passwordGrant } from './api.mjs';
import { DEMO_PASSWORD, FIRST_ACCOUNT, GROUPS, PEOPLE } from './content.mjs';

/** The demo's first group: its first account being a member of it means the demo is loaded. */
const MARKER_GROUP = GROUPS[0].name;

/**
 * Loads everything. Answers `{loaded: true, counts, publicPage}`, or `{loaded: false, publicPage}`
 * when the demo was loaded before (nothing is added). Throws when it cannot finish.
 */
export async function loadDemo({ url, publicUrl, admin }) {
  const adminToken = await passwordGrant(url, admin.username, admin.password);
  if (!adminToken) throw new AdminRefused(admin.username);
  const adminApi = client(url, adminToken);

  // Creating the first account doubles as the check: a 409 means an earlier run made it.
  if (!(await createAccount(adminApi, PEOPLE[0]))) return alreadyLoaded(url);
  await Promise.all(PEOPLE.slice(1).map((person) => createAccount(adminApi, person, true)));
  const people = await signInEveryone(url);

  const counts = { groups: 0, cases: 0, documents: 0, posts: 0, published: 0 };
  const publications = await Promise.all(
    GROUPS.map((group) => loadGroup({ url, publicUrl, people, counts }, group)),
  );
  return { loaded: true, counts, publicPage: publications.find(Boolean) ?? null };
}

/** The configured admin account does not exist with this password. */
export class AdminRefused extends Error {
  constructor(username) {
    super(`the instance admin "${username}" could not sign in`);
    this.username = username;
  }
}

/** The demo's first account exists, but not what the demo makes with it. */
export class PartlyLoaded extends Error {}

/** Creates an account; answers false when the name is taken (and `strict` is off). */
async function createAccount(adminApi, { username, displayName }, strict = false) {
  const res = await adminApi.call('POST', '/api/admin/users', {
    body: { username, password: DEMO_PASSWORD, displayName },
    expect: strict ? [201] : [201, 409],
  });
  return res.status === 201;
}

/** The demo is there when its first account signs in and belongs to its first group. */
async function alreadyLoaded(url) {
  const token = await passwordGrant(url, FIRST_ACCOUNT, DEMO_PASSWORD);
  const me = token ? await client(url, token).get('/api/me') : null;
  const group = me?.groups.find((candidate) => candidate.name === MARKER_GROUP);
  if (!group) {
    throw new PartlyLoaded(
      `an account "${FIRST_ACCOUNT}" exists, but not the demo made with it (an interrupted load, or someone chose that name)`,
    );
  }
  const published = await client(url, token).get(
    `/api/public/cases?group=${encodeURIComponent(group.slug)}`,
  );
  return { loaded: false, publicPage: published.items[0]?.url ?? null };
}

/** Tokens and ids of every demo account, keyed by username. */
async function signInEveryone(url) {
  const entries = await Promise.all(
    PEOPLE.map(async ({ username, displayName }) => {
      const token = await passwordGrant(url, username, DEMO_PASSWORD);
      if (!token) throw new Error(`the new account "${username}" could not sign in`);
      const api = client(url, token);
      const me = await api.get('/api/me');
      return [username, { id: me.id, displayName, api }];
    }),
  );
  return Object.fromEntries(entries);
}

/** One group: created by its admin, joined through invitations, then its forum and cases. */
async function loadGroup(ctx, group) {
  const { people, counts } = ctx;
  const owner = people[group.admin];
  const created = await owner.api.post('/api/groups', {
    name: group.name,
    description: group.description,
  });
  counts.groups++;
  for (const [username, role] of group.members) {
    const invitation = await owner.api.post(`/api/groups/${created.id}/invitations`, { role });
    await people[username].api.post(`/api/invitations/${invitation.token}/accept`);
  }
  const place = { ...ctx, groupId: created.id, cases: {} };
  await writeThread(place, group.forum, `/api/groups/${created.id}/forum/threads`, {});
  let publicPage = null;
  for (const spec of group.cases) publicPage = (await loadCase(place, spec)) ?? publicPage;
  return publicPage;
}

/** One case and everything in it; answers its public page's URL when it gets published. */
async function loadCase(place, spec) {
  const { people, counts } = place;
  const author = people[spec.by];
  const created = await author.api.post(`/api/groups/${place.groupId}/cases`, {
    title: spec.title,
    cityCode: spec.cityCode,
    technologies: spec.technologies,
    description: spec.description,
    projectStatus: spec.projectStatus,
    stage: spec.stage,
    tags: spec.tags,
    budgetEuros: spec.budgetEuros ?? null,
    budgetSource: spec.budgetSource,
    actors: spec.actors,
  });
  counts.cases++;
  const caseId = created.id;
  place.cases[spec.key] = { id: caseId, title: spec.title };

  const documents = {};
  for (const document of spec.documents) {
    documents[document.key] = await upload(people[document.by], caseId, document);
    counts.documents++;
  }
  for (const entry of spec.timeline) {
    await author.api.post(`/api/cases/${caseId}/timeline`, {
      date: entry.date,
      title: entry.title,
      documentId: entry.doc ? documents[entry.doc].id : null,
    });
  }
  await writeTasks(author, people, caseId, spec.tasks);
  const refs = { ...place, documents };
  for (const thread of spec.threads) {
    await writeThread(refs, thread, `/api/cases/${caseId}/threads`, documents);
  }
  return spec.summary ? writeSummary(refs, caseId, spec.summary) : null;
}

/** Uploads a generated file with its metadata, as `curl -F` would. */
async function upload(person, caseId, document) {
  const created = await person.api.upload(`/api/cases/${caseId}/documents`, {
    bytes: await document.make(),
    fileName: document.fileName,
    fields: {
      title: document.title,
      kind: document.kind,
      date: document.date,
      source: document.source,
      obtainedBy: document.obtainedBy,
    },
  });
  return { id: created.id, title: document.title };
}

async function writeTasks(author, people, caseId, tasks) {
  for (const task of tasks) {
    const created = await author.api.post(`/api/cases/${caseId}/tasks`, {
      title: task.title,
      assigneeId: task.assignee ? people[task.assignee].id : null,
      dueDate: task.due ?? null,
    });
    if (task.done) {
      // Done by whoever it was given to, as it happens.
      const by = people[task.assignee] ?? author;
      await by.api.patch(`/api/cases/${caseId}/tasks/${created.id}`, { done: true });
    }
  }
}

/** A thread and its posts in order, each by its author, with replies, quotes and reactions. */
async function writeThread(place, thread, path, documents) {
  const { people, counts } = place;
  const posts = [];
  const r = refs(place, documents, posts);
  let threadId;
  for (const [index, spec] of thread.posts.entries()) {
    const writer = people[spec.by];
    const body = spec.body(r);
    let post;
    if (index === 0) {
      const created = await writer.api.post(path, { title: thread.title, body });
      threadId = created.id;
      post = created.post;
    } else {
      const replyTo = spec.replyTo === undefined ? null : posts[spec.replyTo].id;
      post = await writer.api.post(`/api/threads/${threadId}/posts`, { body, replyTo });
    }
    counts.posts++;
    posts.push({ id: post.id, authorName: writer.displayName });
    for (const [username, reaction] of spec.reactions ?? []) {
      await people[username].api.post(`/api/posts/${post.id}/reactions`, { reaction });
    }
  }
}

/** What bodies in content.mjs point at, by the names used there. */
function refs(place, documents, posts) {
  const atom = (type, { id, title }) => ({ type, attrs: { id, label: title } });
  return {
    publicUrl: place.publicUrl,
    who: (username) => ({
      type: 'mention',
      attrs: { id: place.people[username].id, label: place.people[username].displayName },
    }),
    doc: (key) => atom('documentRef', documents[key]),
    image: (key, alt) => ({ type: 'image', attrs: { documentId: documents[key].id, alt } }),
    case: (key) => atom('caseRef', place.cases[key]),
    post: (index) => posts[index],
  };
}

/**
 * The summary, and as far as the content goes: a review with its note and comments, approvals
 * by others than the last editor, publication with the chosen documents.
 */
async function writeSummary(place, caseId, spec) {
  const { people, documents, counts } = place;
  const editor = people[spec.by];
  const body = spec.body(refs(place, documents, []));
  await editor.api.put(`/api/cases/${caseId}/summary`, { body, version: 0 });
  if (!spec.review) return null;
  await people[spec.review.by].api.post(`/api/cases/${caseId}/review`, { note: spec.review.note });
  for (const comment of spec.comments ?? []) {
    const created = await people[comment.by].api.post(`/api/cases/${caseId}/review/comments`, {
      body: comment.body,
      quote: comment.quote,
    });
    if (comment.resolvedBy) {
      await people[comment.resolvedBy].api.patch(
        `/api/cases/${caseId}/review/comments/${created.id}`,
        { resolved: true },
      );
    }
  }
  for (const username of spec.approvals ?? []) {
    await people[username].api.post(`/api/cases/${caseId}/approvals`);
  }
  if (!spec.publish) return null;
  const published = await people[spec.publish.by].api.post(`/api/cases/${caseId}/publication`, {
    documentIds: spec.publish.documents.map((key) => documents[key].id),
    changeNote: spec.publish.changeNote,
  });
  counts.published++;
  return published.url;
}
