import { PlaceholderArea, placeholderMetadata } from "@/components/shell/PlaceholderArea";

export const generateMetadata = () => placeholderMetadata("resources");

export default function Page() {
  return <PlaceholderArea area="resources" />;
}
