import { requireUser } from "./auth.ts";
import { NOT_FOUND_TEXT, abort } from "./api-errors.ts";
import { json, type Reply } from "../http/reply.ts";
import { renderUser } from "./render.ts";
import type { RequestContext } from "./router.ts";
import type { Organization, Store } from "./store.ts";

/** `GET /me/` and `GET /organizations/{org}/`: enough for a client to check its key and its organization. */

function renderOrganizationDetails(store: Store, organization: Organization, withMembers: boolean): Record<string, unknown> {
  return {
    id: organization.id,
    name: organization.name,
    acronym: null,
    slug: organization.slug,
    description: "Organisation fictive créée par le serveur de test.",
    uri: `${store.baseUrl}/api/1/organizations/${organization.slug}/`,
    page: `${store.baseUrl}/organizations/${organization.slug}`,
    logo: null,
    logo_thumbnail: null,
    badges: [],
    members: withMembers
      ? [...organization.members].map(([userId, role]) => {
          const user = store.users.find((candidate) => candidate.id === userId)!;
          return { role, user: { id: user.id, first_name: user.firstName, last_name: user.lastName, slug: user.slug } };
        })
      : [],
  };
}

export function getMe(context: RequestContext): Reply {
  const user = requireUser(context.user);
  const { store } = context;
  return json(200, {
    ...renderUser(store, user),
    roles: [],
    organizations: store.organizationsOf(user).map((organization) => renderOrganizationDetails(store, organization, false)),
  });
}

export function getOrganization(context: RequestContext): Reply {
  const { store } = context;
  const organization = store.organization(context.params.org ?? "");
  if (!organization) throw abort(404, NOT_FOUND_TEXT);
  return json(200, renderOrganizationDetails(store, organization, store.isMember(context.user, organization.id)));
}
