import { redirect } from "next/navigation";
import { requirePagePermission } from "@/server/authz";

export default async function AdminPage() {
  await requirePagePermission("users.manage");
  redirect("/admin/users");
}
