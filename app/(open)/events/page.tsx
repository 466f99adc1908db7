import { PlaceholderArea, placeholderMetadata } from "@/components/shell/PlaceholderArea";

export const generateMetadata = () => placeholderMetadata("events");

export default function Page() {
  return <PlaceholderArea area="events" />;
}
