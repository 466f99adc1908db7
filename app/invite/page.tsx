import { TokenPasswordPage, tokenPasswordMetadata, type TokenPasswordTexts } from "@/app/login/TokenPasswordPage";
import { acceptInvitationAction } from "./actions";

const TEXTS: TokenPasswordTexts = { title: "invite.title", intro: "invite.intro", submit: "invite.submit", invalidLink: "invite.invalidLink", newLink: "invite.requestReset" };

export const generateMetadata = () => tokenPasswordMetadata(TEXTS.title);

/** The invitation's link: the new user chooses a password. */
export default function InvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  return <TokenPasswordPage searchParams={searchParams} purpose="invitation" action={acceptInvitationAction} texts={TEXTS} />;
}
