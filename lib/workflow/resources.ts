import { RESOURCE_STATUSES, type ResourceStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/** Resources: reviewers and admins publish a draft or take a published resource back to draft. */
export const RESOURCE_WORKFLOW = {
  entity: "resource",
  statuses: RESOURCE_STATUSES,
  transitions: [
    { from: "draft", to: "published", permission: "resources.publish", action: "resource.publish", notify: ["owner"] },
    { from: "published", to: "draft", permission: "resources.publish", action: "resource.unpublish", notify: ["owner"] },
  ],
  refusedKey: () => "workflow.notAllowed",
} as const satisfies Workflow<ResourceStatus>;
