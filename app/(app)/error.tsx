"use client";

export { RouteError as default } from "@/components/shell/RouteError";
