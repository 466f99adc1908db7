import { TokenPasswordPage, tokenPasswordMetadata, type TokenPasswordTexts } from "../TokenPasswordPage";
import { resetPasswordAction } from "./actions";

const TEXTS: TokenPasswordTexts = { title: "reset.title", intro: "reset.intro", submit: "reset.submit", invalidLink: "reset.invalidLink", newLink: "reset.requestNew" };

export const generateMetadata = () => tokenPasswordMetadata(TEXTS.title);

/** The forgot-password mail's link: a new password, once. */
export default function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  return <TokenPasswordPage searchParams={searchParams} purpose="password_reset" action={resetPasswordAction} texts={TEXTS} />;
}
