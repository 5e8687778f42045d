/**
 * The objects of GitHub's REST API (issues and issue comments) as docs/github-issues-api.md
 * describes them: the fields the fake serves, typed here from the documentation, not from
 * octokit's types, so that a test compares our client with the API.
 */

export interface UserObject {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface LabelObject {
  id: number;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export interface IssueObject {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  comments_url: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: "completed" | "not_planned" | "reopened" | null;
  labels: LabelObject[];
  user: UserObject;
  locked: boolean;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  author_association: string;
  /** Present on pull requests only, which the issues listing returns too. */
  pull_request?: { url: string; html_url: string };
}

export interface CommentObject {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: UserObject;
  created_at: string;
  updated_at: string;
  author_association: string;
}

/** GitHub's error body. */
export interface ErrorObject {
  message: string;
  documentation_url: string;
  status: string;
  errors?: { resource: string; field: string; code: string }[];
}
