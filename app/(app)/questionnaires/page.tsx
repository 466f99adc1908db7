import { PlaceholderArea, placeholderMetadata } from "@/components/shell/PlaceholderArea";

export const generateMetadata = () => placeholderMetadata("questionnaires");

export default function Page() {
  return <PlaceholderArea area="questionnaires" />;
}
